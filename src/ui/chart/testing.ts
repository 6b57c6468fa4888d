// Test helper: a fake CanvasRenderingContext2D that records every call and property write, so
// renderers are tested through their draw log (counts, colours, coordinates) without a browser.

export interface DrawOp {
  op: string;
  args: unknown[];
}

export interface RecordingContext {
  ctx: CanvasRenderingContext2D;
  log: DrawOp[];
  /**
   * Calls of one method, with the fill / stroke style in effect at the time and `at`, the call's
   * position in the log (to check what is drawn over what).
   */
  calls(op: string): {
    args: unknown[];
    fillStyle: unknown;
    strokeStyle: unknown;
    globalAlpha: number;
    at: number;
  }[];
}

export function recordingContext(): RecordingContext {
  const log: DrawOp[] = [];
  const state: Record<string, unknown> = {
    globalAlpha: 1,
    fillStyle: '#000',
    strokeStyle: '#000',
    lineWidth: 1,
  };
  const snapshots: {
    op: string;
    args: unknown[];
    fillStyle: unknown;
    strokeStyle: unknown;
    globalAlpha: number;
    at: number;
  }[] = [];
  const stack: Record<string, unknown>[] = [];
  const methods: Record<string, (...args: unknown[]) => unknown> = {
    measureText: (text) => ({ width: String(text).length * 6 }),
    save: () => void stack.push({ ...state }),
    restore: () => void Object.assign(state, stack.pop() ?? {}),
  };
  const ctx = new Proxy(
    {},
    {
      get(_target, key: string) {
        if (key in state) return state[key];
        return (...args: unknown[]) => {
          log.push({ op: key, args });
          snapshots.push({
            op: key,
            args,
            at: log.length - 1,
            fillStyle: state.fillStyle,
            strokeStyle: state.strokeStyle,
            globalAlpha: state.globalAlpha as number,
          });
          return methods[key]?.(...args);
        };
      },
      set(_target, key: string, value) {
        state[key] = value;
        log.push({ op: `set ${key}`, args: [value] });
        return true;
      },
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, log, calls: (op) => snapshots.filter((s) => s.op === op) };
}
