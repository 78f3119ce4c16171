/**
 * The warning shown on every page while the registry holds synthetic people (the demo):
 * nobody may mistake them for real prisoners.
 */
import { useTranslation } from "react-i18next";
import type { Page, Person } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { SYNTHETIC_PATH } from "../prefetch.ts";

export function SyntheticBanner() {
  const { t } = useTranslation();
  const { data } = useApi<Page<Person>>(SYNTHETIC_PATH);
  if (!data || data.total === 0) return null;
  return (
    <section
      className="synthetic-banner"
      aria-label={t("synthetic.label")}
      data-testid="synthetic-banner"
    >
      <strong>{t("synthetic.banner")}</strong> {t("synthetic.detail")}
    </section>
  );
}
