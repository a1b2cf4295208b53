import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { PRESET_NAMES, PRESETS, type Preset, type PresetName } from '../lab/presets';
import { sweepVariants } from '../lab/sweep';

/** The `detail` of `preset-select` and `preset-sweep` events. */
export interface PresetDetail {
  name: PresetName;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "2 configurations × 3 seeds of 1200 steps": what running the whole preset means (with `steps` per run). */
export function fullPresetSize(preset: Preset, steps = preset.base.steps): string {
  const changed = steps === preset.base.steps ? '' : ` (from your settings; the preset's default is ${preset.base.steps})`;
  return `${count(sweepVariants(preset.axes).length, 'configuration')} × ${count(preset.seeds, 'seed')} of ${count(steps, 'step')}${changed}`;
}

/** Text with `code` spans (as the presets' summaries write scene names) rendered as <code>. */
function withCode(text: string): (string | TemplateResult)[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part));
}

/**
 * One button per named experiment; for the selected one, what to look for and why, the targets
 * it is reported against, its full size (configurations × seeds × steps) and a button that runs
 * all of it.
 *
 * Ids: `preset-<name>` (one toggle button per preset, `aria-pressed` on the selected one),
 * `run-preset-sweep` (shown with the selected preset).
 *
 * @property selected - the preset shown, or null (not an attribute).
 * @property disabled - disables every button (attribute `disabled`, reflected).
 * @property steps - steps per run of the full preset (the page's settings), or null for the preset's own.
 * @fires preset-select - `CustomEvent<PresetDetail>` (bubbles, composed) when a preset's button is pressed.
 * @fires preset-sweep - `CustomEvent<PresetDetail>` (bubbles, composed) when "Run the full preset" is pressed.
 */
export class PresetPicker extends LitElement {
  static override properties = {
    selected: { attribute: false },
    disabled: { type: Boolean, reflect: true },
    steps: { attribute: false },
  };

  declare selected: PresetName | null;
  declare disabled: boolean;
  declare steps: number | null;

  constructor() {
    super();
    this.selected = null;
    this.disabled = false;
    this.steps = null;
  }

  static override styles = css`
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #0f172a; }
    .presets { display: flex; flex-wrap: wrap; gap: 0.4em; }
    button { font: inherit; padding: 0.35em 0.8em; border-radius: 6px; border: 1px solid #94a3b8; background: #f8fafc; color: #0f172a; cursor: pointer; text-align: left; }
    button[aria-pressed='true'] { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    .detail { margin-top: 0.6em; padding: 0.5em 0.8em; border-left: 3px solid #1d4ed8; background: #f8fafc; }
    .detail p { margin: 0 0 0.4em; }
    .targets, .size { color: #334155; }
  `;

  override render() {
    const preset = this.selected ? PRESETS[this.selected] : null;
    return html`<div class="presets" role="group" aria-label="presets">
        ${PRESET_NAMES.map((name) => html`<button id="preset-${name}" type="button" aria-pressed=${name === this.selected ? 'true' : 'false'}
          ?disabled=${this.disabled} @click=${() => this.fire('preset-select', name)}>${PRESETS[name].title.replaceAll('`', '')}</button>`)}
      </div>
      ${preset
        ? html`<section class="detail" aria-label=${preset.title}>
            <p class="summary">${withCode(preset.summary)}</p>
            <p class="targets"><strong>Targets:</strong> ${withCode(preset.targets)}</p>
            <p class="size"><strong>The full preset:</strong> ${fullPresetSize(preset, this.steps ?? preset.base.steps)}.</p>
            <button id="run-preset-sweep" type="button" ?disabled=${this.disabled} @click=${() => this.fire('preset-sweep', preset.name)}>Run the full preset</button>
          </section>`
        : nothing}`;
  }

  private fire(type: 'preset-select' | 'preset-sweep', name: PresetName): void {
    this.dispatchEvent(new CustomEvent<PresetDetail>(type, { detail: { name }, bubbles: true, composed: true }));
  }
}

customElements.define('preset-picker', PresetPicker);

declare global {
  interface HTMLElementTagNameMap {
    'preset-picker': PresetPicker;
  }
  interface HTMLElementEventMap {
    'preset-select': CustomEvent<PresetDetail>;
    'preset-sweep': CustomEvent<PresetDetail>;
  }
}
