import {
  type CommandArgs,
  type CommandName,
  type CommandResult,
  commands,
  type ErrorCode,
  type EventName,
  type EventPayload,
  events,
  RequestMessage,
  type ResponseMessage,
} from '../../api/contract';
import { Listeners } from '../../../drivers/transport/byte-pipe';

type Handler<K extends CommandName> = (args: CommandArgs<K>) => Promise<CommandResult<K>>;

/** Commands only some hosts serve (the first-boot screen's, the kiosk's spoken prompts); the others refuse them. */
export const OPTIONAL_COMMANDS = ['getProvisioning', 'provisioning', 'speakPrompt', 'stopSpeech'] as const satisfies readonly CommandName[];
type OptionalCommand = (typeof OPTIONAL_COMMANDS)[number];

export type CommandHandlers = { readonly [K in Exclude<CommandName, OptionalCommand>]: Handler<K> } & {
  readonly [K in OptionalCommand]?: Handler<K>;
};

/** A refusal a handler may throw on purpose: the renderer gets the code and an i18n key. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(
    message: string,
    readonly messageKey: string,
  ) {
    super(message);
  }
}

const failure = (id: number, code: ErrorCode, message: string, messageKey?: string): ResponseMessage => ({
  kind: 'response',
  id,
  ok: false,
  error: messageKey ? { code, message, messageKey } : { code, message },
});

/**
 * The host end of the screen API, shared by every transport. Whatever arrives is validated
 * against the contract before a handler sees it; a hostile or broken message gets a typed error
 * answer and never reaches the flows.
 */
export class ApiDispatcher {
  readonly #handlers: CommandHandlers;
  readonly #events = new Listeners<[EventName, unknown]>();
  readonly #onInternalError: (error: unknown, command: string) => void;

  constructor(handlers: CommandHandlers, onInternalError: (error: unknown, command: string) => void = () => {}) {
    this.#handlers = handlers;
    this.#onInternalError = onInternalError;
  }

  async handle(raw: unknown): Promise<ResponseMessage> {
    const envelope = RequestMessage.safeParse(raw);
    if (!envelope.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      return failure(Number.isInteger(id) ? id : -1, 'invalid_message', 'not a request envelope');
    }
    const { id, command, args } = envelope.data;
    if (!Object.hasOwn(commands, command)) return failure(id, 'unknown_command', `no command named ${JSON.stringify(command)}`);
    const name = command as CommandName;
    const parsedArgs = commands[name].request.safeParse(args ?? {});
    if (!parsedArgs.success) {
      return failure(id, 'invalid_args', parsedArgs.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; '));
    }
    try {
      const handler = this.#handlers[name] as ((a: unknown) => Promise<unknown>) | undefined;
      if (!handler) return failure(id, 'refused', `${name} is not served by this kiosk now`, 'errors.notNow');
      const result = await handler(parsedArgs.data);
      // The host checks its own answers too: a bug here must not reach the screen as garbage.
      const checked = commands[name].response.parse(result);
      return { kind: 'response', id, ok: true, result: checked };
    } catch (error) {
      if (error instanceof RefusedError) return failure(id, 'refused', error.message, error.messageKey);
      this.#onInternalError(error, name);
      return failure(id, 'internal', 'the kiosk could not complete this request', 'errors.internal');
    }
  }

  /** Publishes an event to every connected screen, after checking it against the contract. */
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    this.#events.emit(event, events[event].parse(payload));
  }

  onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
    return this.#events.add(listener);
  }
}
