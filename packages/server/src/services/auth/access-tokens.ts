/** Short-lived access tokens: HS256 JWTs naming the user and the session they belong to. */
import { errors, jwtVerify, SignJWT } from "jose";
import { DomainError } from "../../errors.js";

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

const ISSUER = "nexus";
const AUDIENCE = "nexus-api";

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    signingKey: string,
    readonly ttlSeconds: number,
  ) {
    this.key = Buffer.from(signingKey, "base64url");
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ["HS256"],
      });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string") throw new Error("claims missing");
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new DomainError("TOKEN_EXPIRED", "The access token has expired; refresh it.");
      throw new DomainError("INVALID_TOKEN", "The access token is not valid.");
    }
  }
}
