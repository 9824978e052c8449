import { useI18n } from 'vue-i18n';

/**
 * A clinical type's name in the person's language, from the odontogram layer's messages (a dependency of this
 * module); a type that layer does not name yet shows as its code in words rather than a message key.
 */
export function useClinicalTypeName(): (code: string) => string {
  const { t, te } = useI18n();
  return (code) => {
    const key = `odontogram.clinical_types.${code}`;
    return te(key) ? t(key) : code.replaceAll('_', ' ');
  };
}
