/**
 * Short-lived access tokens: HS256 JWTs naming the user and the session they belong to. Media tokens are the same
 * with another audience: kept in a cookie for /media only, so one can never be replayed against the API.
 */
import { webcrypto } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { DomainError } from "../../errors.js";

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

const ISSUER = "nexus";
const AUDIENCE = "nexus-api";
export const MEDIA_AUDIENCE = "nexus-media";

/** How many verified tokens to remember (oldest dropped first); each is a few hundred bytes. */
const VERIFIED_CACHE_SIZE = 10_000;

interface Verified {
  claims: AccessClaims;
  /** The token's `exp`, in ms. */
  expiresAt: number;
}

export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Tokens whose signature and claims already checked out, by audience and token. A client sends the same token on
   * every request for its whole lifetime, and checking the HMAC (a WebCrypto job) was the largest single cost of a
   * message send. Expiry is still checked on every use; revocation is the session lookup's job, as before.
   */
  private readonly verified = new Map<string, Verified>();
  /** Imported into WebCrypto once: given raw bytes, jose would import them again on every request. */
  private readonly verifyKey: Promise<webcrypto.CryptoKey>;

  constructor(
    signingKey: string,
    readonly ttlSeconds: number,
  ) {
    this.key = Buffer.from(signingKey, "base64url");
    this.verifyKey = webcrypto.subtle.importKey("raw", this.key, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  }

  sign(claims: AccessClaims, audience = AUDIENCE): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string, audience = AUDIENCE): Promise<AccessClaims> {
    const cacheKey = `${audience} ${token}`;
    const known = this.verified.get(cacheKey);
    if (known) {
      if (known.expiresAt <= Date.now()) {
        this.verified.delete(cacheKey);
        throw tokenExpired();
      }
      return known.claims;
    }
    const verified = await this.verifySignature(token, audience);
    this.remember(cacheKey, verified);
    return verified.claims;
  }

  private async verifySignature(token: string, audience: string): Promise<Verified> {
    try {
      const { payload } = await jwtVerify(token, await this.verifyKey, {
        issuer: ISSUER,
        audience,
        algorithms: ["HS256"],
        requiredClaims: ["exp"],
      });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string") throw new Error("claims missing");
      return { claims: { userId: payload.sub, sessionId: payload.sid }, expiresAt: (payload.exp as number) * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw tokenExpired();
      throw new DomainError("INVALID_TOKEN", "The access token is not valid.");
    }
  }

  private remember(cacheKey: string, verified: Verified): void {
    this.verified.set(cacheKey, verified);
    if (this.verified.size > VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
  }
}

const tokenExpired = () => new DomainError("TOKEN_EXPIRED", "The access token has expired; refresh it.");
