import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../components/layout.tsx";

export default function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t("errors.notFound"));
  return (
    <div className="page">
      <h1>{t("errors.notFound")}</h1>
      <p>
        <Link to="/">{t("nav.dashboard")}</Link>
      </p>
    </div>
  );
}
