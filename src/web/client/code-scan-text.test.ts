import { describe, expect, it } from "vitest";
import { codeFromScan } from "./code-scan-text";

const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE";

describe("codeFromScan", () => {
  it("takes the token out of a pre-application URL, with or without a query or fragment", () => {
    expect(token).toHaveLength(43);
    expect(codeFromScan(`https://madoguchi.example.jp/pre-apply/t/${token}`)).toBe(token);
    expect(codeFromScan(`http://localhost:3000/pre-apply/t/${token}?lang=en`)).toBe(token);
    expect(codeFromScan(`  https://city.example/pre-apply/t/${token}/  `)).toBe(token);
  });

  it("keeps a bare token and a short code as they are", () => {
    expect(codeFromScan(token)).toBe(token);
    expect(codeFromScan("7K3QX-9MRTD")).toBe("7K3QX-9MRTD");
    expect(codeFromScan(" 7k3qx9mrtd ")).toBe("7k3qx9mrtd");
  });

  it("reads full-width characters as their ASCII forms", () => {
    expect(codeFromScan("７Ｋ３ＱＸ－９ＭＲＴＤ")).toBe("7K3QX-9MRTD");
  });

  it("refuses other QR codes, a token of the wrong length and empty or overlong text", () => {
    expect(codeFromScan("https://www.city.kumamoto.jp/")).toBeUndefined();
    expect(codeFromScan(`https://city.example/pre-apply/t/${token}x`)).toBeUndefined();
    expect(codeFromScan(token.slice(1))).toBeUndefined();
    expect(codeFromScan("WIFI:S:guest;T:WPA;P:secret;;")).toBeUndefined();
    expect(codeFromScan("7K3QX-9MRT")).toBeUndefined();
    expect(codeFromScan("")).toBeUndefined();
    expect(codeFromScan(`https://x/pre-apply/t/${token}?${"a".repeat(500)}`)).toBeUndefined();
  });
});
