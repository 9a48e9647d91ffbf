import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiDependencies, AppEnv } from "../context.ts";
import { ApiError } from "../problem.ts";

const demoUser = z
	.object({
		id: z.string(),
		name: z.string(),
		role: z.enum(["learner", "staff", "agency"]),
		learnerId: z.string().optional(),
		institution: z.string().optional(),
	})
	.openapi("DemoUser");

const usersRoute = createRoute({
	method: "get",
	path: "/api/auth/demo-users",
	tags: ["auth"],
	summary: "Demo mode: the users the login screen offers",
	responses: {
		200: {
			description: "Demo users (empty outside demo mode)",
			content: { "application/json": { schema: z.object({ users: z.array(demoUser) }) } },
		},
	},
});

const loginRoute = createRoute({
	method: "post",
	path: "/api/auth/demo-login",
	tags: ["auth"],
	summary: "Demo mode: a signed token for a demo user",
	request: {
		body: {
			required: true,
			content: { "application/json": { schema: z.object({ userId: z.string().min(1).max(100) }) } },
		},
	},
	responses: {
		200: {
			description: "A bearer token",
			content: { "application/json": { schema: z.object({ token: z.string(), user: demoUser }) } },
		},
	},
});

export function authRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	app.openapi(usersRoute, (c) =>
		c.json({ users: deps.auth.demo ? [...(deps.demoUsers ?? [])] : [] }, 200),
	);
	app.openapi(loginRoute, async (c) => {
		const signer = deps.auth.demo;
		if (!signer) throw new ApiError("not-found", "Demo login is only available in demo mode");
		const { userId } = c.req.valid("json");
		const user = deps.demoUsers?.find((candidate) => candidate.id === userId);
		if (!user)
			throw new ApiError("invalid-request", `No demo user ${userId}`, [
				{ path: "userId", message: "unknown demo user" },
			]);
		const token = await signer.sign({
			sub: user.id,
			role: user.role,
			...(user.institution ? { institution: user.institution } : {}),
			...(user.learnerId ? { learner: user.learnerId } : {}),
		});
		return c.json({ token, user: { ...user } }, 200);
	});
}
