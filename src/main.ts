/** Page entry: mounts <jepa-playground> with the settings in the page's URL. */
import './lit-dev-notice';
import './ui/jepa-playground';

const playground = document.createElement('jepa-playground');
playground.initialQuery = location.search;
window.addEventListener('error', (e) => playground.reportError(`Page error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => playground.reportError(`Page error: ${String(e.reason)}`));
document.body.append(playground);
