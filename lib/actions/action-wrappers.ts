import "server-only";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { actingAs, requestOrigin, type AuditActor } from "@/lib/audit/audit-actor";
import { currentMarketer, type SignedInContext } from "@/lib/auth/session";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "@/lib/errors/database-unavailable";
import { fieldErrorsOf } from "@/lib/errors/field-errors";
import { clientAddress } from "@/lib/http/client-address";
import { relayEventsWrittenBy } from "@/lib/outbox/relay-written-events";
import { can, forbiddenMessage, type Permission } from "@/lib/teams/permissions";
import {
  ACTION_FAILED_MESSAGE,
  ACTION_UNAVAILABLE_MESSAGE,
  failed,
  type ActionResult,
  type ActionState,
} from "./action-result";
import { formInput, formValues } from "./form-input";

/**
 * A server action as the client calls it: with the input object, with a FormData, or from
 * `useActionState` (the previous state, then the FormData).
 */
export type ServerAction<In, T> = (input: In | FormData | ActionState<T>, form?: FormData) => Promise<ActionResult<T>>;

type Options<S extends z.ZodType> = {
  /** Names the action in the log. */
  name: string;
  /** The zod schema the form uses too; a FormData is read into an object first. */
  schema: S;
  /** Fields never sent back to the form after a failure. */
  omitValues?: readonly string[];
};

type Scope = { action: string; teamId?: string; marketerId?: string };
/** The database the body writes to, so its outbox events are relayed from there. */
type WritesTo = () => Db | Promise<Db>;

/**
 * Parses the input, runs the body (relaying the outbox events it wrote after the response), and
 * turns whatever it throws into a failure the form can show:
 * "temporarily unavailable" for a database outage, otherwise a generic message and a log line
 * naming the action and the team (never the input, which may hold secrets). Next's redirects and
 * not-found pass through.
 */
async function run<S extends z.ZodType, T>(
  { schema, omitValues = [] }: Options<S>,
  args: [unknown, FormData | undefined],
  scope: Scope,
  writesTo: WritesTo,
  body: (input: z.output<S>) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const [first, second] = args;
  const form = second instanceof FormData ? second : first instanceof FormData ? first : undefined;
  const parsed = schema.safeParse(form ? formInput(form) : first);
  if (!parsed.success) {
    return failed("Please correct the highlighted fields", {
      fieldErrors: fieldErrorsOf(parsed.error),
      values: form && formValues(form, omitValues),
    });
  }
  try {
    const result = await relayEventsWrittenBy(writesTo, () => body(parsed.data));
    return !result.ok && form && !result.values ? { ...result, values: formValues(form, omitValues) } : result;
  } catch (error) {
    unstable_rethrow(error);
    return failure(error, scope);
  }
}

function failure(error: unknown, scope: Scope) {
  if (error instanceof DatabaseUnavailableError || isDatabaseUnavailable(error)) {
    console.warn(`[action] ${scope.action}: database unavailable`, scope, describe(error));
    return failed(ACTION_UNAVAILABLE_MESSAGE);
  }
  console.error(`[action] ${scope.action} failed unexpectedly`, scope, describe(error));
  return failed(ACTION_FAILED_MESSAGE);
}

/** The error without the query parameters drizzle puts in its message (they may be secrets or emails). */
function describe(error: unknown, depth = 0): Record<string, unknown> | string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: unknown };
  return {
    name: error.name,
    ...(code === undefined ? {} : { code }),
    message: error.message.split("\nparams:")[0],
    ...(error.cause !== undefined && depth < 3 ? { cause: describe(error.cause, depth + 1) } : {}),
    // The frames only: the stack's first lines repeat the message.
    stack: error.stack
      ?.split("\n")
      .filter((line) => line.trimStart().startsWith("at "))
      .slice(0, 5)
      .join("\n"),
  };
}

/** A dashboard action also names what the role must be allowed (lib/teams/permissions.ts). */
type TeamOptions<S extends z.ZodType> = Options<S> & { permission: Permission };

/** For tests: the same wrapper with another way of learning who is asking. */
export function createTeamAction(resolveMarketer: () => Promise<SignedInContext | null>) {
  return function teamAction<S extends z.ZodType, T = undefined>(
    options: TeamOptions<S>,
    body: (input: z.output<S>, ctx: SignedInContext) => Promise<ActionResult<T>>,
  ): ServerAction<z.input<S>, T> {
    return async (first, second) => {
      let ctx: SignedInContext | null;
      try {
        ctx = await resolveMarketer();
      } catch (error) {
        unstable_rethrow(error);
        return failure(error, { action: options.name });
      }
      if (!ctx) redirect("/sign-in");
      const signedIn = ctx;
      const scope = { action: options.name, teamId: signedIn.teamId, marketerId: signedIn.marketer.id };
      // Before the input is even read: a role that may not act learns nothing from validation.
      if (!can(signedIn.role, options.permission))
        return failed(forbiddenMessage(options.permission), { code: "forbidden" });
      return actingAs(await memberActor(signedIn), () =>
        run(
          options,
          [first, second],
          scope,
          () => signedIn.db,
          (input) => body(input, signedIn),
        ),
      );
    };
  };
}

/** The signed-in member as the audit log names them, with the request's address and browser. */
async function memberActor({ marketer }: SignedInContext): Promise<AuditActor> {
  let origin: Pick<AuditActor, "ip" | "userAgent"> = { ip: null, userAgent: null };
  try {
    const requestHeaders = await headers();
    origin = requestOrigin(requestHeaders, clientAddress(requestHeaders));
  } catch {
    // Called outside a request (tests): no address to record.
  }
  return { kind: "member", id: marketer.id, label: `${marketer.name} <${marketer.email}>`, ...origin };
}

/**
 * The one way to write a dashboard action:
 * `teamAction({ name, schema, permission }, async (input, ctx) => …)`. It resolves the signed-in
 * marketer, their team and role (no session: on to sign-in), refuses a role without the
 * permission, parses the input with the form's schema (field errors come back as a failure, the
 * body never runs) and catches what the body throws.
 */
export const teamAction = createTeamAction(currentMarketer);

/** The same for the public pages, where nobody is signed in. */
export function publicAction<S extends z.ZodType, T = undefined>(
  options: Options<S>,
  body: (input: z.output<S>) => Promise<ActionResult<T>>,
): ServerAction<z.input<S>, T> {
  return (first, second) => run(options, [first, second], { action: options.name }, getDb, body);
}
