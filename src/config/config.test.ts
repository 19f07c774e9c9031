import { describe, expect, it } from "vitest";
import { configSchema, defaultConfig, parseConfig, publicUrl } from "./config";

describe("parseConfig", () => {
  it("gives the defaults of the foundation's settings when the environment sets nothing", () => {
    const result = parseConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        PORT: 3000,
        HOST: "127.0.0.1",
        DATA_DIR: "./data",
        LOG_LEVEL: "info",
        SESSION_IDLE_MINUTES: 30,
        SESSION_WARNING_MINUTES: 5,
        COOKIE_SECURE: false,
        LOCKOUT_THRESHOLD: 5,
        LOCKOUT_MINUTES: 15,
        BODY_LIMIT_BYTES: 1024 * 1024,
        DEMO_SEED: true,
      },
    });
  });

  it("reads numbers, booleans and a PostgreSQL URL from their text form", () => {
    const result = parseConfig({
      PORT: "8080",
      DATABASE_URL: "postgresql://user@db.example:5432/madoguchi",
      COOKIE_SECURE: "yes",
      DEMO_SEED: "0",
      LOCKOUT_THRESHOLD: "3",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.PORT).toBe(8080);
    expect(result.config.DATABASE_URL).toBe("postgresql://user@db.example:5432/madoguchi");
    expect(result.config.COOKIE_SECURE).toBe(true);
    expect(result.config.DEMO_SEED).toBe(false);
    expect(result.config.LOCKOUT_THRESHOLD).toBe(3);
  });

  it("treats an empty variable as unset, so the default applies", () => {
    const result = parseConfig({ PORT: "", DATABASE_URL: "" });
    expect(result.ok && result.config.PORT).toBe(3000);
    expect(result.ok && result.config.DATABASE_URL).toBeUndefined();
  });

  it("ignores variables that are not settings of the product", () => {
    const result = parseConfig({ PATH: "/usr/bin", HOME: "/root" });
    expect(result.ok).toBe(true);
  });

  it("lists every problem at once, each naming its variable and the value given", () => {
    const result = parseConfig({ PORT: "abc", LOG_LEVEL: "loud" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems.find((p) => p.startsWith("PORT="))).toContain('"abc"');
    expect(result.problems.find((p) => p.startsWith("LOG_LEVEL="))).toContain('"loud"');
  });

  it.each([
    ["PORT", "0"],
    ["PORT", "65536"],
    ["PORT", "80.5"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["COOKIE_SECURE", "maybe"],
    ["SESSION_IDLE_MINUTES", "1"],
    ["LOCKOUT_THRESHOLD", "2"],
    ["BODY_LIMIT_BYTES", "10"],
  ])("refuses %s=%s with one problem naming %s", (key, value) => {
    const result = parseConfig({ [key]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.startsWith(`${key}=`)).toBe(true);
  });
});

describe("PUBLIC_URL", () => {
  it("defaults to http://localhost:<PORT>, the address of a server started with npm start", () => {
    const unset = parseConfig({});
    expect(unset.ok && unset.config.PUBLIC_URL).toBe("http://localhost:3000");
    const result = parseConfig({ PORT: "8080" });
    expect(result.ok && result.config.PUBLIC_URL).toBe("http://localhost:8080");
  });

  it("takes the city's address with a path, without the trailing slash", () => {
    const result = parseConfig({ PUBLIC_URL: "https://madoguchi.city.kumamoto.jp/counter/" });
    expect(result.ok && result.config.PUBLIC_URL).toBe("https://madoguchi.city.kumamoto.jp/counter");
  });

  it.each([
    ["not an address", "madoguchi.example"],
    ["another scheme", "ftp://madoguchi.example"],
    ["a query", "https://madoguchi.example/?from=qr"],
    ["credentials", "https://user:secret@madoguchi.example"],
  ])("refuses %s with one problem naming PUBLIC_URL", (_, value) => {
    const result = parseConfig({ PUBLIC_URL: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.startsWith("PUBLIC_URL=")).toBe(true);
  });

  it("builds every resident's link from it", () => {
    const config = defaultConfig({ PUBLIC_URL: "https://madoguchi.example/x" });
    expect(publicUrl(config, "/survey/s/abc")).toBe("https://madoguchi.example/x/survey/s/abc");
    expect(publicUrl(defaultConfig({ PORT: 4000 }), "/queue/t/abc")).toBe(
      "http://localhost:4000/queue/t/abc",
    );
  });
});

describe("defaultConfig", () => {
  it("starts from the schema's defaults and applies the overrides", () => {
    const config = defaultConfig({ PORT: 4000, DEMO_SEED: false });
    expect(config).toEqual({
      ...configSchema.parse({}),
      PORT: 4000,
      DEMO_SEED: false,
      PUBLIC_URL: "http://localhost:4000",
    });
  });
});
