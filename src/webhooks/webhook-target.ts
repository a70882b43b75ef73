import { z } from 'zod';

/** A webhook URL as an administrator types it: http(s), no credentials, a host, at most 2,000 characters. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'Indiquez l’adresse qui recevra les événements.')
  .max(2000, 'Adresse trop longue (2 000 caractères au plus).')
  .superRefine((value, issue) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    const problem =
      url === null
        ? 'Adresse invalide : elle doit commencer par https:// ou http://.'
        : !/^https?:$/.test(url.protocol)
          ? 'Seules les adresses http:// et https:// sont acceptées.'
          : url.username !== '' || url.password !== ''
            ? 'L’adresse ne doit pas contenir d’identifiant ni de mot de passe : utilisez le secret de signature.'
            : null;
    if (problem) issue.addIssue({ code: 'custom', message: problem });
  });
