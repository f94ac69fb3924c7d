import type Provider from "oidc-provider";
import type { Directory } from "./directory";
import type { Gates } from "./gates";
import type { SigningKey } from "./keys";
import type { Stats } from "./stats";
import type { TokenStore } from "./token-store";

/** Everything a handler needs; built once per emulator in server.ts. */
export interface EmulatorContext {
  issuer: string;
  directory: Directory;
  key: SigningKey;
  tokens: TokenStore;
  stats: Stats;
  /** Token requests a test holds (test hook /__emulator/gates). */
  gates: Gates;
  provider: Provider;
  /** Epoch ms at start; the "secret not yet visible" fault counts from here. */
  startedAt: number;
  /** How long a secret generated over the Management API stays unknown to the token endpoint. */
  secretPropagationMs: number;
  /** Access token values oidc-provider issued, per operator id, for the access-token test hook (live or not). */
  operatorTokens: Map<string, Set<string>>;
}
