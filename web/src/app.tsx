/**
 * The routes of the app. Pages other than the shell load on demand, so that the first
 * page fetches only what it draws (the dashboard's charts are the largest part).
 */
import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { Layout } from "./components/layout.tsx";
import { Loading } from "./components/status.tsx";
import { SessionProvider } from "./session.tsx";

const Dashboard = lazy(() => import("./pages/dashboard.tsx"));
const Registry = lazy(() => import("./pages/registry.tsx"));
const PersonPage = lazy(() => import("./pages/person.tsx"));
const Operations = lazy(() => import("./pages/operations.tsx"));
const OperationPage = lazy(() => import("./pages/operation.tsx"));
const Sanctions = lazy(() => import("./pages/sanctions.tsx"));
const MonitorCounts = lazy(() => import("./pages/monitor-counts.tsx"));
const Estimate = lazy(() => import("./pages/estimate.tsx"));
const Simulate = lazy(() => import("./pages/simulate.tsx"));
const PersonForm = lazy(() => import("./entry/person-form.tsx"));
const EventForm = lazy(() => import("./entry/event-form.tsx"));
const Account = lazy(() => import("./account/account.tsx"));
const Trash = lazy(() => import("./pages/trash.tsx"));
const Review = lazy(() => import("./pages/review.tsx"));
const Extract = lazy(() => import("./pages/extract.tsx"));
const ImportPage = lazy(() => import("./pages/import.tsx"));
const NotFound = lazy(() => import("./pages/not-found.tsx"));

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<Dashboard />} />
              <Route path="/registry" element={<Registry />} />
              <Route path="/people/new" element={<PersonForm />} />
              <Route path="/people/:id" element={<PersonPage />} />
              <Route path="/people/:id/edit" element={<PersonForm />} />
              <Route path="/people/:id/events/new" element={<EventForm mode="new" />} />
              <Route path="/events/:id/edit" element={<EventForm mode="edit" />} />
              <Route path="/operations" element={<Operations />} />
              <Route path="/operations/:id" element={<OperationPage />} />
              <Route path="/sanctions" element={<Sanctions />} />
              <Route path="/monitor-counts" element={<MonitorCounts />} />
              <Route path="/estimate" element={<Estimate />} />
              <Route path="/simulate" element={<Simulate />} />
              <Route path="/account" element={<Account />} />
              <Route path="/trash" element={<Trash />} />
              <Route path="/review" element={<Review />} />
              <Route path="/extract" element={<Extract />} />
              <Route path="/import" element={<ImportPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Layout>
      </BrowserRouter>
    </SessionProvider>
  );
}
