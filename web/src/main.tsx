/** The entry point: languages first (the first paint is already translated), then the app. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { startI18n } from "./i18n/index.ts";
import { prefetch } from "./prefetch.ts";
import "./styles.css";

prefetch(window.location);
await startI18n();
const root = document.getElementById("root");
if (!root) throw new Error("no #root element in index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
