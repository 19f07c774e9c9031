// `madoguchi card-agent`: the card agent on the counter PC (docs/card.md).
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import type { Io } from "../cli/main";
import { createAgent } from "./agent";
import { PcscReaders } from "./pcsc";

export interface AgentEnv {
  /** The server's address (PUBLIC_URL of the Madoguchi server the counter pages come from). */
  server: string;
  port: number;
  readerName?: string;
}

/** The origin of a URL (scheme://host[:port]), or undefined when it is not an http(s) URL. */
export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  return u.protocol === "http:" || u.protocol === "https:" ? u.origin : undefined;
}

export interface RunningAgent {
  port: number;
  pairingCode: () => string;
  stop: () => Promise<void>;
}

/** Starts the agent on 127.0.0.1:`port` with the PC/SC readers; the port 0 picks a free one (tests). */
export async function startAgent(env: AgentEnv, log: (line: string) => void): Promise<RunningAgent> {
  const serverOrigin = originOf(env.server);
  if (!serverOrigin) throw new Error("server must be an http:// or https:// address");
  const readers = new PcscReaders(env.readerName ? { readerName: env.readerName } : {});
  let port = env.port;
  // The Host check needs the real port: with port 0 it is known only once listening.
  const agentRef: { current?: ReturnType<typeof createAgent> } = {};
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req) => (agentRef.current as ReturnType<typeof createAgent>).app.fetch(req),
        port,
        hostname: "127.0.0.1",
      },
      (info) => {
        port = info.port;
        resolve(s);
      },
    );
    s.once("error", reject);
  });
  agentRef.current = createAgent({ access: readers, serverOrigin, port, log });
  const agent = agentRef.current;
  return {
    port,
    pairingCode: agent.pairingCode,
    stop: () =>
      new Promise((resolve) => {
        readers.close();
        server.close(() => resolve());
      }),
  };
}

export async function cardAgentCommand(args: string[], io: Io, defaults: AgentEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { server: { type: "string" }, port: { type: "string" }, reader: { type: "string" } },
    strict: true,
  });
  const port = values.port ? Number(values.port) : defaults.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    io.stderr.write("--port は 1〜65535 の数です / --port must be a number from 1 to 65535\n");
    return 2;
  }
  const server = values.server ?? defaults.server;
  if (!originOf(server)) {
    io.stderr.write(
      "--server はサーバーのアドレス（https://…）です / --server must be the server's address (https://…)\n",
    );
    return 2;
  }
  const readerName = values.reader ?? defaults.readerName;
  const log = (line: string) => io.stdout.write(`${line}\n`);
  const agent = await startAgent({ server, port, ...(readerName ? { readerName } : {}) }, log);
  io.stdout.write(
    `カード読取エージェント / card agent: http://127.0.0.1:${agent.port} (${originOf(server)} のページからのみ / pages of ${originOf(server)} only)\n`,
  );
  io.stdout.write(`ペアリングコード / pairing code: ${agent.pairingCode()}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await agent.stop();
  return 0;
}
