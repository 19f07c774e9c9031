import { z } from "zod";
import type { LocaleMap } from "../shared/locale";

/** A BCP 47 tag as the catalogue folders are named ("ja", "ja-x-easy", "zh-Hans"). */
export const localeCodeSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "not a language tag");

/** Text from data in each language it has: Japanese required, the others optional and never empty. */
export const localeMapSchema = z
  .object({ ja: z.string().min(1) })
  .catchall(z.string().min(1))
  .superRefine((map, ctx) => {
    for (const key of Object.keys(map))
      if (!localeCodeSchema.safeParse(key).success)
        ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not a language tag` });
  }) as unknown as z.ZodType<LocaleMap>;
