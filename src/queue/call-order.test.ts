import { describe, expect, it } from "vitest";
import { type CallCandidate, callOrder, chooseNext, HEAD_START_MINUTES } from "./call-order";

const t0 = new Date("2026-03-02T09:00:00+09:00");
const min = (m: number) => new Date(t0.getTime() + m * 60_000);
const ticket = (
  number: number,
  issuedMinute: number,
  kind: CallCandidate["kind"] = "normal",
  transferred = false,
) => ({
  id: `t${number}`,
  number,
  kind,
  transferred,
  waitingSince: min(issuedMinute),
});

describe("call order", () => {
  it("normal tickets are called in the order they were issued", () => {
    const order = callOrder([ticket(103, 2), ticket(101, 0), ticket(102, 1)], min(10));
    expect(order.map((t) => t.number)).toEqual([101, 102, 103]);
  });

  it("a reservation issued now goes before normal tickets that have waited less than its head start", () => {
    const order = callOrder([ticket(101, 0), ticket(102, 5), ticket(150, 20, "reservation")], min(20));
    // claims: 101 → 20 min, 102 → 15, reservation → 0 + 30.
    expect(order.map((t) => t.number)).toEqual([150, 101, 102]);
  });

  it("a priority case goes before normal tickets, a reservation before a priority case", () => {
    const order = callOrder(
      [ticket(101, 0), ticket(160, 5, "priority"), ticket(150, 5, "reservation")],
      min(6),
    );
    expect(order.map((t) => t.number)).toEqual([150, 160, 101]);
  });

  it("a normal ticket that has waited longer than the head start goes before a new priority case", () => {
    const next = chooseNext([ticket(101, 0), ticket(160, 21, "priority")], min(21));
    // 101 waited 21 min; the priority case claims 0 + 20.
    expect(next?.number).toBe(101);
  });

  it("a transferred ticket gets a head start over new arrivals, keeping its number", () => {
    const order = callOrder([ticket(120, 10), ticket(105, 12, "normal", true)], min(12));
    expect(order.map((t) => t.number)).toEqual([105, 120]);
  });

  it("equal claims go to the earlier waiter, then to the lower number", () => {
    expect(chooseNext([ticket(102, 0), ticket(101, 0)], min(1))?.number).toBe(101);
    expect(callOrder([ticket(102, 0), ticket(101, 0)], min(1)).map((t) => t.number)).toEqual([101, 102]);
  });

  it("nothing waiting: nobody is chosen", () => {
    expect(chooseNext([], t0)).toBeUndefined();
  });

  it("chooseNext agrees with the head of callOrder on mixed queues", () => {
    const queue = [
      ticket(101, 0),
      ticket(102, 3),
      ticket(160, 8, "priority"),
      ticket(150, 12, "reservation"),
      ticket(103, 13, "normal", true),
      ticket(104, 14),
    ];
    for (const m of [14, 20, 30, 45, 60]) expect(chooseNext(queue, min(m))).toBe(callOrder(queue, min(m))[0]);
  });

  it("a steady stream of reservations never starves a normal ticket: only those issued within the head start overtake it", () => {
    // One counter calls every 4 minutes; a reservation arrives every 2 minutes, more than it can serve.
    const waiting: CallCandidate[] = [ticket(101, 0)];
    const overtakers: CallCandidate[] = [];
    let reservation = 500;
    let calledAt: number | undefined;
    for (let m = 0; m <= 240 && calledAt === undefined; m++) {
      if (m % 2 === 0) waiting.push(ticket(reservation++, m, "reservation"));
      if (m % 4 === 0) {
        const next = chooseNext(waiting, min(m));
        if (!next) continue;
        waiting.splice(waiting.indexOf(next), 1);
        if (next.number === 101) calledAt = m;
        else overtakers.push(next);
      }
    }
    expect(calledAt).toBeDefined();
    const latestOvertaker = Math.max(
      ...overtakers.map((t) => (t.waitingSince.getTime() - t0.getTime()) / 60_000),
    );
    expect(latestOvertaker).toBeLessThan(HEAD_START_MINUTES.reservation);
    // Reservations issued later than that are still waiting: the normal ticket went first.
    expect(
      waiting.some((t) => t.waitingSince.getTime() - t0.getTime() >= HEAD_START_MINUTES.reservation * 60_000),
    ).toBe(true);
  });
});
