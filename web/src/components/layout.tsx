/**
 * The frame of every page: a skip link, the site's name and navigation, the language
 * switch, who is signed in, the synthetic-data banner, and the page itself in <main>.
 * After a navigation the focus moves to the new page, so keyboard and screen-reader users
 * start there.
 */
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useSearchParams } from "react-router";
import { currentLanguage, i18n, LANGUAGE_NAMES, LANGUAGES, type Language } from "../i18n/index.ts";
import { useSession } from "../session.tsx";
import { PageErrorBoundary } from "./error-boundary.tsx";
import { SyntheticBanner } from "./synthetic-banner.tsx";

function LanguageSwitch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const change = (lang: Language) => {
    void i18n.changeLanguage(lang);
    // A shared link says its language: keep the parameter in step with the choice.
    if (params.has("lang")) {
      const next = new URLSearchParams(params);
      next.set("lang", lang);
      setParams(next, { replace: true });
    }
  };
  return (
    <div className="language">
      <label htmlFor="language-switch">{t("layout.language")}</label>
      <select
        id="language-switch"
        value={currentLanguage()}
        onChange={(event) => change(event.target.value as Language)}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {LANGUAGE_NAMES[lang]}
          </option>
        ))}
      </select>
    </div>
  );
}

function Navigation() {
  const { t } = useTranslation();
  const { can, session } = useSession();
  const items: [string, string][] = [
    ["/", t("nav.dashboard")],
    ["/registry", t("nav.registry")],
    ["/operations", t("nav.operations")],
    ["/sanctions", t("nav.sanctions")],
    ["/monitor-counts", t("nav.monitorCounts")],
    ["/estimate", t("nav.estimate")],
    ["/simulate", t("nav.simulate")],
  ];
  if (can("editor")) items.push(["/people/new", t("nav.newPerson")]);
  if (can("editor")) {
    items.push(["/review", t("nav.review")], ["/extract", t("nav.extract")]);
  }
  if (can("admin")) items.push(["/trash", t("nav.trash")]);
  if (can("editor")) items.push(["/import", t("nav.import")]);
  items.push(["/account", session.user ? session.user.name : t("nav.signIn")]);
  return (
    <nav aria-label={t("layout.mainNavigation")}>
      <ul>
        {items.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end={to === "/"}>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(location.pathname);
  useEffect(() => {
    if (shown.current === location.pathname) return;
    shown.current = location.pathname;
    main.current?.focus();
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link to="/">Turnstile</Link>
          <span className="tagline">{t("layout.tagline")}</span>
        </div>
        <Navigation />
        <LanguageSwitch />
      </header>
      <SyntheticBanner />
      <main id="main" ref={main} tabIndex={-1}>
        <PageErrorBoundary resetKey={location.pathname + location.search}>
          {children}
        </PageErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>
          {t("layout.footer")} <a href="/api/docs">{t("layout.apiDocs")}</a>
        </p>
      </footer>
    </>
  );
}

/** Sets the window's title to the page's. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Turnstile`;
  }, [title]);
}
