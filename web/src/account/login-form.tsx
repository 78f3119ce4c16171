/** Signing in with a name and password (the server answers the same for any wrong pair). */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.ts";
import { Field } from "../entry/fields.tsx";
import { useSession } from "../session.tsx";

export function LoginForm() {
  const { t } = useTranslation();
  const { login } = useSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !password) {
      setProblem(t("account.fillBoth"));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await login(name.trim(), password);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 401
          ? t("account.wrongCredentials")
          : error instanceof ApiError && error.status === 429
            ? t("account.tooMany", { message: error.message })
            : (error as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="login" onSubmit={submit} aria-labelledby="login-title" noValidate>
      <h2 id="login-title">{t("account.signIn")}</h2>
      <Field label={t("account.name")} required>
        {(a) => (
          <input
            {...a}
            name="username"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label={t("account.password")} required>
        {(a) => (
          <input
            {...a}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t("account.signIn")}
      </button>
    </form>
  );
}
