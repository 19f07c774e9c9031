import { z } from "zod";
import { localeMapSchema } from "./locale-map.schema";
import type { Text } from "./procedure.schema";

/**
 * Where a resident goes for a procedure this counter does not take: the facts a printed guidance
 * sheet needs so that nobody has to look anything up — the place's name, the counter inside it, the
 * full address, a phone number and the opening hours. Municipal data, like the department labels.
 */

/**
 * A Japanese phone number as residents dial it, written with its hyphens ("096-328-2111",
 * "0570-05-1165"): 10 digits, or 10–11 for the national 0570/050/0120 numbers.
 */
export const phoneSchema = z
  .string()
  .regex(/^0\d{1,4}-\d{1,4}-\d{3,4}$/, 'not a phone number written as "096-328-2111"')
  .refine((phone) => {
    const digits = phone.replace(/-/g, "").length;
    return digits === 10 || (/^0(570|50|120|800)/.test(phone.replace(/-/g, "")) && digits <= 11);
  }, "a Japanese phone number has 10 digits (11 for 050 and 0120 numbers)");

/** The facts of any place a resident walks to. */
export interface PlaceFacts {
  name: Text;
  /** The full address: Japanese required (as a resident shows it to a driver), others romanised. */
  address: Text;
  /** Written with hyphens, as residents dial it: "096-328-2111". */
  phone: string;
  /** When residents are received: "平日 8:30〜17:15（土日・祝日・年末年始を除く）". */
  hours: Text;
}

/** A place outside the offices: a bureau or centre of the city, or a body outside it. */
export interface BodyPlace extends PlaceFacts {
  /** The counter or floor inside it, where there is one to name. */
  counter?: Text | undefined;
  /**
   * Part of the municipality itself (its waterworks bureau, its animal centre): residents are told it
   * is a city office, not an outside body.
   */
  city: boolean;
}

/**
 * A municipality's places. Procedures of its own departments are done at an office (the one the
 * resident came to, by the office code the tenancy gives it), at that department's counter; the
 * catalogue's `external` procedures at the body this directory names for them.
 */
export interface PlaceDirectory {
  /** Offices by their code (src/tenancy: "chuo", "higashi", …). */
  offices: Record<string, PlaceFacts>;
  /** The office whose facts stand in for an office the directory does not list. */
  mainOffice: string;
  /** Where each department receives residents inside an office ("11番窓口"). */
  counters: Record<string, Text>;
  /** Places outside the offices, by a key of the directory's own. */
  bodies: Record<string, BodyPlace>;
  /**
   * Which body takes a procedure, by procedure id: one body, or one per office code (each ward's own
   * pension office) with `*` for the others.
   */
  procedureBodies: Record<string, string | Record<string, string>>;
}

const text = localeMapSchema;

const placeFactsShape = {
  name: text,
  address: text,
  phone: phoneSchema,
  hours: text,
};

export const placeDirectorySchema: z.ZodType<PlaceDirectory> = z
  .strictObject({
    offices: z.record(z.string(), z.strictObject(placeFactsShape)),
    mainOffice: z.string(),
    counters: z.record(z.string(), text),
    bodies: z.record(
      z.string(),
      z.strictObject({ ...placeFactsShape, counter: text.optional(), city: z.boolean() }),
    ),
    procedureBodies: z.record(
      z.string(),
      z.union([z.string(), z.record(z.string(), z.string()).refine((m) => "*" in m, 'needs a "*" entry')]),
    ),
  })
  .superRefine((directory, ctx) => {
    if (!(directory.mainOffice in directory.offices))
      ctx.addIssue({ code: "custom", path: ["mainOffice"], message: "not one of the offices" });
    for (const [procedure, body] of Object.entries(directory.procedureBodies)) {
      const keys = typeof body === "string" ? [body] : Object.values(body);
      for (const key of keys)
        if (!(key in directory.bodies))
          ctx.addIssue({
            code: "custom",
            path: ["procedureBodies", procedure],
            message: `unknown body "${key}"`,
          });
    }
  }) as unknown as z.ZodType<PlaceDirectory>;
