/**
 * The account page: sign in; once signed in, who one is, signing out, changing one's
 * password, API tokens; admins also manage users and read the audit log.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiError, request } from "../api/client.ts";
import { usePageTitle } from "../components/layout.tsx";
import { Loading } from "../components/status.tsx";
import { Field } from "../entry/fields.tsx";
import { useSession } from "../session.tsx";
import { AuditLog } from "./audit.tsx";
import { LoginForm } from "./login-form.tsx";
import { Tokens } from "./tokens.tsx";
import { Users } from "./users.tsx";

function PasswordChange() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [failure, setFailure] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      await request("POST", "/api/auth/password", { currentPassword: current, newPassword: next });
      // The server ends every session of the user: sign in again with the new password.
      await logout();
    } catch (e) {
      setFailure(e as ApiError);
    }
  };
  return (
    <details>
      <summary>{t("account.changePassword")}</summary>
      <form className="inline-form" onSubmit={submit}>
        <Field
          label={t("account.currentPassword")}
          error={failure?.fieldMessage("currentPassword")}
        >
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("account.newPassword")}
          error={failure?.fieldMessage("newPassword")}
          hint={t("users.passwordHint")}
        >
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">{t("account.changePassword")}</button>
        {failure && failure.fields.length === 0 && (
          <p className="field-error" role="alert">
            {failure.message}
          </p>
        )}
      </form>
    </details>
  );
}

export default function Account() {
  const { t } = useTranslation();
  usePageTitle(t("account.title"));
  const { session, known, logout, can } = useSession();
  if (!known) return <Loading />;
  return (
    <div className="page account">
      <h1>{t("account.title")}</h1>
      {!session.user ? (
        <LoginForm />
      ) : (
        <>
          <p data-testid="signed-in">
            {t("account.signedInAs", { name: session.user.name, role: t(`role.${session.role}`) })}{" "}
            <button type="button" onClick={() => void logout()}>
              {t("account.signOut")}
            </button>
          </p>
          <PasswordChange />
          <Tokens />
          {can("admin") && <Users />}
          {can("admin") && <AuditLog />}
        </>
      )}
    </div>
  );
}
