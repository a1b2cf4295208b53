import { LitElement, css, html } from 'lit';
import type { RunState } from '../worker/protocol';

/** What the user asked the run to do. */
export type RunCommand = 'play' | 'pause' | 'step' | 'reset';

/** The `detail` of a `run-command` event. */
export interface RunCommandDetail {
  command: RunCommand;
}

/** The key the page binds to Play/Pause (shown in the button's title; `<run-controls>` does not listen for it). */
export const PLAY_PAUSE_KEY = 'k';

const PLAYABLE: ReadonlySet<RunState> = new Set(['ready', 'paused', 'running']);
const STEPPABLE: ReadonlySet<RunState> = new Set(['ready', 'paused']);

/**
 * Play/Pause, Step and Reset buttons for a training run.
 *
 * Buttons (ids): `play` (Play/Pause toggle, aria-pressed while running; enabled when ready, paused or
 * running), `step` (enabled when ready or paused), `reset` (enabled unless starting). A button that
 * does not fit the state is `disabled`. While `busy`, buttons keep keyboard focus but are
 * `aria-disabled` and do nothing.
 *
 * @property state - where the run stands (attribute `state`, reflected).
 * @property busy - a command is in flight (attribute `busy`, reflected).
 * @fires run-command - `CustomEvent<RunCommandDetail>` (bubbles, composed) when a button is activated.
 */
export class RunControls extends LitElement {
  static override properties = {
    state: { reflect: true },
    busy: { type: Boolean, reflect: true },
  };

  declare state: RunState;
  declare busy: boolean;

  constructor() {
    super();
    this.state = 'starting';
    this.busy = false;
  }

  static override styles = css`
    :host { display: inline-block; font: 14px/1.4 system-ui, sans-serif; }
    .controls { display: inline-flex; gap: 0.5em; }
    button { font: inherit; min-width: 5.5em; padding: 0.35em 0.9em; border-radius: 6px; border: 1px solid #94a3b8; background: #f8fafc; color: #0f172a; cursor: pointer; }
    button#play { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
    button#play[aria-pressed='true'] { background: #f8fafc; color: #1d4ed8; }
    button:disabled, button[aria-disabled='true'] { opacity: 0.5; cursor: not-allowed; }
    button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  `;

  override render() {
    const running = this.state === 'running';
    const busy = this.busy ? 'true' : 'false';
    const shortcut = `(shortcut: ${PLAY_PAUSE_KEY.toUpperCase()})`;
    return html`<div class="controls" role="group" aria-label="run controls" aria-busy=${busy}>
      <button id="play" type="button" aria-pressed=${running ? 'true' : 'false'} aria-disabled=${busy}
        title=${running ? `pause training ${shortcut}` : `train until the run ends ${shortcut}`}
        ?disabled=${!PLAYABLE.has(this.state)} @click=${() => this.command(running ? 'pause' : 'play')}>${running ? 'Pause' : 'Play'}</button>
      <button id="step" type="button" aria-disabled=${busy} title="train one step, then pause"
        ?disabled=${!STEPPABLE.has(this.state)} @click=${() => this.command('step')}>Step</button>
      <button id="reset" type="button" aria-disabled=${busy} title="discard this run and start again with the settings above"
        ?disabled=${this.state === 'starting'} @click=${() => this.command('reset')}>Reset</button>
    </div>`;
  }

  private command(command: RunCommand): void {
    if (this.busy) return;
    this.dispatchEvent(new CustomEvent<RunCommandDetail>('run-command', { detail: { command }, bubbles: true, composed: true }));
  }
}

customElements.define('run-controls', RunControls);

declare global {
  interface HTMLElementTagNameMap {
    'run-controls': RunControls;
  }
  interface HTMLElementEventMap {
    'run-command': CustomEvent<RunCommandDetail>;
  }
}
