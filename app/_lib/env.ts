import { z } from "zod";
import { ConfigError } from "./errors";

/**
 * The only module that reads process.env (identity-provider secrets are looked up through
 * `secretFromEnvironment`, by the name the tenants file gives). Parsed once, with zod, so a bad
 * value stops the start with the variable's name.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Public origin of this deployment; issuers and links are built from it, never from Host headers. */
    GUESTGATE_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default("http://localhost:3000")
      .refine((url) => new URL(url).pathname === "/" && !url.endsWith("/"), "an origin such as https://id.example.com, without a path or trailing slash"),
    GUESTGATE_CONFIG: z.string().min(1).default("tenants.json"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "file:PATH for SQLite or postgresql://… for PostgreSQL")
      .default("file:./.data/guestgate.db"),
    AUTH_SECRET: z.string().min(32, "at least 32 characters (openssl rand -base64 32)").optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET && !process.env.NEXT_PHASE?.includes("build")) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw ConfigError.fromZod("the environment", result.error);
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/** An identity provider's secret, by the variable name the tenants file gives; undefined when unset. */
export function secretFromEnvironment(name: string): string | undefined {
  const value = process.env[name];
  return value && value.length > 0 ? value : undefined;
}
