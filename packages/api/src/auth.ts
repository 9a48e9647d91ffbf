import {
	createLocalJWKSet,
	createRemoteJWKSet,
	exportJWK,
	generateKeyPair,
	type JWTVerifyGetKey,
	jwtVerify,
	SignJWT,
} from "jose";
import { z } from "zod";
import { ApiError } from "./problem.ts";

/** Who is asking: a learner (their own data), institution staff, the agency, or nobody. */
export type Principal =
	| { readonly role: "learner"; readonly subject: string; readonly learnerId: string }
	| { readonly role: "staff"; readonly subject: string; readonly institution: string }
	| { readonly role: "agency"; readonly subject: string }
	| { readonly role: "anonymous" };

const claimsSchema = z.discriminatedUnion("role", [
	z.object({
		role: z.literal("learner"),
		sub: z.string().min(1),
		learner: z.string().min(1).optional(),
	}),
	z.object({ role: z.literal("staff"), sub: z.string().min(1), institution: z.string().min(1) }),
	z.object({ role: z.literal("agency"), sub: z.string().min(1) }),
]);

/** Verifies bearer tokens: JWTs checked with jose against configured keys (a JWKS URL or local keys). */
export interface Authenticator {
	principal(authorization: string | undefined): Promise<Principal>;
	/** Signs a token for a demo user; only in demo mode. */
	readonly demo: DemoSigner | undefined;
}

export interface DemoSigner {
	sign(claims: {
		sub: string;
		role: string;
		institution?: string;
		learner?: string;
	}): Promise<string>;
}

export interface AuthOptions {
	readonly issuer: string;
	readonly audience: string;
	/** An OpenID Connect provider's JWKS URL, e.g. https://idp.example/realms/x/protocol/openid-connect/certs */
	readonly jwksUrl?: string | undefined;
	/** Public keys as a JWK set, for providers without a reachable JWKS URL. */
	readonly jwks?: { keys: Record<string, unknown>[] } | undefined;
	/** Generate a key pair at start and sign demo users' tokens with it. */
	readonly demo?: boolean | undefined;
}

const verifiedTokensMax = 10_000;

function toPrincipal(payload: unknown): Principal {
	const claims = claimsSchema.safeParse(payload);
	if (!claims.success)
		throw new ApiError("unauthenticated", "The token's role claims are missing or unknown");
	const c = claims.data;
	if (c.role === "learner")
		return { role: "learner", subject: c.sub, learnerId: c.learner ?? c.sub };
	if (c.role === "staff") return { role: "staff", subject: c.sub, institution: c.institution };
	return { role: "agency", subject: c.sub };
}

/** Builds the authenticator; in demo mode it makes its own signing key. */
export async function createAuthenticator(options: AuthOptions): Promise<Authenticator> {
	let keys: JWTVerifyGetKey | undefined;
	let demo: DemoSigner | undefined;
	if (options.jwksUrl) keys = createRemoteJWKSet(new URL(options.jwksUrl));
	else if (options.jwks)
		keys = createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0]);
	if (options.demo) {
		const pair = await generateKeyPair("ES256");
		const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "demo", alg: "ES256" };
		const demoKeys = createLocalJWKSet({ keys: [publicJwk] });
		const configured = keys;
		keys = configured
			? async (header, token) =>
					header.kid === "demo" ? demoKeys(header, token) : configured(header, token)
			: demoKeys;
		demo = {
			sign: (claims) =>
				new SignJWT({ ...claims })
					.setProtectedHeader({ alg: "ES256", kid: "demo" })
					.setIssuer(options.issuer)
					.setAudience(options.audience)
					.setIssuedAt()
					.setExpirationTime("8h")
					.sign(pair.privateKey),
		};
	}
	const verifyWith = keys;
	// A verified token is remembered until it expires: a signature check costs more than the rest of a request.
	const verified = new Map<string, { principal: Principal; expiresAtSeconds: number }>();
	return {
		demo,
		async principal(authorization) {
			if (authorization === undefined) return { role: "anonymous" };
			const match = /^Bearer\s+(\S+)$/i.exec(authorization);
			if (!match || !verifyWith)
				throw new ApiError("unauthenticated", "Send a bearer token: Authorization: Bearer <JWT>");
			const token = match[1] as string;
			const known = verified.get(token);
			if (known && known.expiresAtSeconds > Date.now() / 1000) return known.principal;
			try {
				const { payload } = await jwtVerify(token, verifyWith, {
					issuer: options.issuer,
					audience: options.audience,
					requiredClaims: ["exp"],
				});
				const principal = toPrincipal(payload);
				if (verified.size >= verifiedTokensMax)
					verified.delete(verified.keys().next().value as string);
				verified.set(token, { principal, expiresAtSeconds: payload.exp as number });
				return principal;
			} catch (error) {
				if (error instanceof ApiError) throw error;
				throw new ApiError("unauthenticated", "The bearer token is not valid");
			}
		},
	};
}
