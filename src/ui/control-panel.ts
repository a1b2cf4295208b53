import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { defaultMaskRatio, type MaskStrategy } from '../../models/masking';
import { valueAt, type FieldRule } from '../../models/field-rules';
import { EXPERIMENT_DEFAULTS, experimentTokenGrid, type ExperimentConfig } from '../lab/experiment-config';
import { CONFIG_CONTROLS, CONTROL_GROUPS, ruleOf, sceneParamControls, type ConfigControl, type ControlGroup } from './config-controls';
import { changedFields, editError, parseControlValue, restartNeeded, withValue } from './config-edit';

/** The `detail` of a `config-change` event: the whole edited config and the field the user changed. */
export interface ConfigChangeDetail {
  config: ExperimentConfig;
  path: string;
}

/** The input id of a config field: `ctl-` and the path with dots as dashes (`ctl-mask-ratio`). */
export function controlId(path: string): string {
  return `ctl-${path.replaceAll('.', '-')}`;
}

/** `config` with `path` set to `value`, plus what that edit implies for the fields that follow from it. */
function edited(config: ExperimentConfig, path: string, value: unknown): ExperimentConfig {
  const next = withValue(config, path, value);
  if (path === 'scene.name') next.scene.params = {};
  if (path === 'mask.strategy' && typeof value === 'string') next.mask.ratio = defaultMaskRatio(value as MaskStrategy, spatialGrid(next));
  return next;
}

/** The config's spatial token grid, or undefined (the default grid) while its sizes do not divide: the form names that field. */
function spatialGrid(config: ExperimentConfig): { nh: number; nw: number } | undefined {
  try {
    return experimentTokenGrid(config);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** What an input needs to render: its id, the field it edits, its rule and its help. */
interface FieldView {
  id: string;
  path: string;
  label: string;
  help: string;
  rule: FieldRule;
  input: ConfigControl['input'];
  step?: number;
  value: unknown;
}

/**
 * The experiment's settings as a form: one fieldset per group (scene and its parameters,
 * masking, anti-collapse, model, training, runtime), each input labelled, described by its help
 * and limited to the allowed values. An edit that fails validation is not emitted: the
 * validator's message (naming the field and what is allowed) shows next to the input as an
 * alert and the input goes back to the config's value. A valid edit updates `config` and fires
 * `config-change`. Changing the scene resets its parameters to the new scene's defaults; changing
 * the mask strategy moves the ratio to that strategy's default (multi-block's on the config's grid).
 *
 * Ids: inputs `ctl-<path with dots as dashes>` (`ctl-mask-ratio`), scene parameters
 * `ctl-scene-param-<name>`, errors `<input id>-error`, the line under the panel `restart-note`
 * (role status: the fields that need a Reset, or that the change applies immediately).
 *
 * @property config - the edited config (not an attribute).
 * @property applied - the config of the current run, or null when there is none (not an attribute).
 * @property disabled - disables every input (attribute `disabled`, reflected).
 * @fires config-change - `CustomEvent<ConfigChangeDetail>` (bubbles, composed) after a valid edit;
 *   the mask ratio slider fires while it is dragged (`input`), other inputs on `change`.
 */
export class ControlPanel extends LitElement {
  static override properties = {
    config: { attribute: false },
    applied: { attribute: false },
    disabled: { type: Boolean, reflect: true },
    fieldError: { state: true },
  };

  declare config: ExperimentConfig;
  declare applied: ExperimentConfig | null;
  declare disabled: boolean;
  /** The rejected edit: the input it came from and the validator's message. */
  private declare fieldError: { id: string; message: string } | null;

  constructor() {
    super();
    this.config = structuredClone(EXPERIMENT_DEFAULTS);
    this.applied = null;
    this.disabled = false;
    this.fieldError = null;
  }

  static override styles = css`
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #0f172a; }
    .panel { container-type: inline-size; }
    .groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0.6em 0.8em; }
    @container (max-width: 600px) { .groups { grid-template-columns: 1fr; } }
    fieldset { display: grid; grid-template-columns: minmax(7em, auto) minmax(0, 1fr); gap: 0.3em 0.6em; align-items: center; margin: 0; padding: 0.3em 0.7em 0.6em; border: 1px solid #cbd5e1; border-radius: 8px; min-width: 0; }
    legend { font-weight: 600; padding: 0 0.3em; }
    input, select { font: inherit; min-width: 0; box-sizing: border-box; }
    input[type='number'], select { width: 100%; }
    .range { display: flex; gap: 0.5em; align-items: center; }
    .range input { flex: 1; }
    output { font-variant-numeric: tabular-nums; min-width: 2.5em; }
    input:focus-visible, select:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    [aria-invalid='true'] { border-color: #dc2626; }
    .error { grid-column: 1 / -1; margin: 0; padding: 0.2em 0.5em; border-radius: 4px; background: #fef2f2; color: #7f1d1d; font-size: 13px; }
    .note { margin: 0.5em 0 0; color: #334155; }
    .note:empty { margin: 0; }
  `;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new config (an accepted edit, or one set by the page) supersedes a rejected edit.
    if (changed.has('config')) this.fieldError = null;
  }

  override render() {
    return html`<div class="panel">
      <div class="groups">${CONTROL_GROUPS.map(({ group, legend }) => html`<fieldset><legend>${legend}</legend>${this.groupFields(group).map((f) => this.field(f))}</fieldset>`)}</div>
      <p id="restart-note" class="note" role="status">${this.note()}</p>
    </div>`;
  }

  private groupFields(group: ControlGroup): FieldView[] {
    const fields: FieldView[] = CONFIG_CONTROLS.filter((c) => c.group === group).map((c) => ({
      id: controlId(c.path), path: c.path, label: c.label, help: c.help, rule: ruleOf(c.path), input: c.input, step: c.step, value: valueAt(this.config, c.path),
    }));
    if (group !== 'scene') return fields;
    const params: FieldView[] = sceneParamControls(this.config.scene.name, this.config.scene.params).map((p) => ({
      id: `ctl-scene-param-${p.name}`, path: `scene.params.${p.name}`, label: p.label, help: p.help,
      // Computed defaults (e.g. radius = height / 6) are shown to 4 significant digits; the config keeps the exact value.
      rule: { kind: p.step === 1 ? 'integer' : 'number', min: p.min, max: p.max }, input: 'number', step: p.step, value: p.step === 1 ? p.value : Number(p.value.toPrecision(4)),
    }));
    return [...fields, ...params];
  }

  private field(f: FieldView): TemplateResult {
    const error = this.fieldError?.id === f.id ? this.fieldError.message : null;
    const describedBy = error ? `${f.id}-help ${f.id}-error` : `${f.id}-help`;
    return html`<label for=${f.id} title=${f.help}>${f.label}</label>
      ${this.input(f, describedBy, error !== null)}
      <span id="${f.id}-help" hidden>${f.help}</span>
      ${error ? html`<p id="${f.id}-error" class="error" role="alert">${error}</p>` : nothing}`;
  }

  private input(f: FieldView, describedBy: string, invalid: boolean): TemplateResult {
    const onEdit = (e: Event) => {
      const target = e.target as HTMLInputElement | HTMLSelectElement;
      this.edit(f, target instanceof HTMLInputElement && target.type === 'checkbox' ? String(target.checked) : target.value);
    };
    const { id, help, rule } = f;
    const ariaInvalid = invalid ? 'true' : 'false';
    if (f.input === 'select' && rule.kind === 'choice') {
      return html`<select id=${id} title=${help} aria-describedby=${describedBy} aria-invalid=${ariaInvalid} ?disabled=${this.disabled} @change=${onEdit}>
        ${rule.options.map((o) => html`<option value=${o} .selected=${live(o === f.value)}>${o}</option>`)}
      </select>`;
    }
    if (f.input === 'checkbox') {
      return html`<input type="checkbox" id=${id} title=${help} aria-describedby=${describedBy} aria-invalid=${ariaInvalid}
        .checked=${live(f.value === true)} ?disabled=${this.disabled} @change=${onEdit}>`;
    }
    const numeric = rule.kind === 'integer' || rule.kind === 'number';
    const min = numeric ? rule.min : nothing;
    const max = numeric ? rule.max : nothing;
    const step = f.step ?? (rule.kind === 'integer' ? 1 : 'any');
    if (f.input === 'range') {
      return html`<span class="range"><input type="range" id=${id} title=${help} aria-describedby=${describedBy} aria-invalid=${ariaInvalid}
        min=${min} max=${max} step=${step} .value=${live(String(f.value))} ?disabled=${this.disabled} @input=${onEdit}>
        <output for=${id}>${Number(f.value).toFixed(2)}</output></span>`;
    }
    return html`<input type="number" id=${id} title=${help} aria-describedby=${describedBy} aria-invalid=${ariaInvalid}
      min=${min} max=${max} step=${step} .value=${live(String(f.value))} ?disabled=${this.disabled} @change=${onEdit}>`;
  }

  private note(): string {
    if (!this.applied) return '';
    const restart = restartNeeded(this.applied, this.config);
    if (restart.length > 0) return `Changed since this run started: ${restart.join(', ')} — press Reset to start a run with them.`;
    const liveOnly = changedFields(this.applied, this.config);
    return liveOnly.length > 0 ? `Changed: ${liveOnly.join(', ')} — applies immediately.` : '';
  }

  private edit(f: FieldView, raw: string): void {
    const next = edited(this.config, f.path, parseControlValue(raw, f.rule));
    const message = editError(next);
    if (message !== null) {
      // The render this triggers also puts the config's value back in the input (`live` bindings).
      this.fieldError = { id: f.id, message };
      return;
    }
    this.config = next;
    this.dispatchEvent(new CustomEvent<ConfigChangeDetail>('config-change', { detail: { config: next, path: f.path }, bubbles: true, composed: true }));
  }
}

customElements.define('control-panel', ControlPanel);

declare global {
  interface HTMLElementTagNameMap {
    'control-panel': ControlPanel;
  }
  interface HTMLElementEventMap {
    'config-change': CustomEvent<ConfigChangeDetail>;
  }
}
