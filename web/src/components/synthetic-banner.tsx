/**
 * The warning shown on every page while the registry holds synthetic people (the demo):
 * nobody may mistake them for real prisoners.
 */
import { useTranslation } from "react-i18next";
import { useApi } from "../api/use-api.ts";
import { SYNTHETIC_PATH } from "../prefetch.ts";

export function SyntheticBanner() {
  const { t } = useTranslation();
  // From the health check: a list of synthetic people would count only those the reader may
  // see, and a registry whose synthetic people are all private would go unlabelled.
  const { data } = useApi<{ syntheticPeople: number }>(SYNTHETIC_PATH);
  if (!data || !(data.syntheticPeople > 0)) return null;
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
