import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { useShell } from './controller.ts';
import { errorCode } from './errors.ts';
import { notify } from './notify.ts';
import { SessionRequestError } from './session.ts';

/** Whole minutes to wait, never "0 minutes" for a wait under a minute. */
export function minutesToWait(retryAfterSeconds: number | null): number {
  return Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
}

/**
 * Signing in through `/auth/login` from a page (login, after setup, after a password reset): wrong
 * credentials and the attempt lock are shown next to the form (`error`), in the person's language
 * with the wait in minutes; anything else (server down, unexpected code) gets the usual error toast.
 * On success the app goes to the page the person was sent away from (`?redirect=`), else home.
 */
export function useSignIn() {
  const { t } = useI18n();
  const shell = useShell();
  const router = useRouter();
  const route = useRoute();
  const error = ref<string | null>(null);
  const signingIn = ref(false);

  async function signIn(email: string, password: string): Promise<boolean> {
    error.value = null;
    signingIn.value = true;
    try {
      await shell.signIn(email, password);
    } catch (e) {
      const code = e instanceof SessionRequestError ? errorCode({ extensions: { code: e.code } }) : null;
      if (code === 'UNAUTHENTICATED') error.value = t('login.wrongCredentials');
      else if (code === 'RATE_LIMITED' && e instanceof SessionRequestError) {
        const minutes = minutesToWait(e.retryAfterSeconds);
        error.value = t('login.rateLimited', { minutes }, minutes);
      } else if (code)
        notify({ severity: 'error', summary: t(`errors.codes.${code}`), detail: (e as Error).message, code });
      else notify({ severity: 'error', summary: t('errors.network'), detail: String((e as Error).message ?? e) });
      return false;
    } finally {
      signingIn.value = false;
    }
    const redirect = route.query.redirect;
    await router.replace(typeof redirect === 'string' && redirect.startsWith('/') ? redirect : '/');
    return true;
  }

  return { signIn, error, signingIn };
}
