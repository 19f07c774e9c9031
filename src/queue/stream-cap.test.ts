import { describe, expect, it } from "vitest";
import { StreamCap } from "./stream-cap";

describe("StreamCap", () => {
  it("gives a client as many slots as the cap, per client, and takes each back once", () => {
    const cap = new StreamCap(2);
    const a1 = cap.take("a");
    const a2 = cap.take("a");
    expect(a1 && a2).toBeTruthy();
    expect(cap.take("a")).toBeNull();
    expect(cap.take("b")).not.toBeNull();
    a1?.();
    a1?.(); // a second close of the same stream frees nothing more
    expect(cap.count("a")).toBe(1);
    expect(cap.take("a")).not.toBeNull();
    expect(cap.take("a")).toBeNull();
  });

  it("forgets a client whose last stream closed", () => {
    const cap = new StreamCap(1);
    cap.take("a")?.();
    expect(cap.count("a")).toBe(0);
  });
});
