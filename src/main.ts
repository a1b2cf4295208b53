/** Page entry: mounts <jepa-playground> with the backend asked for in `?backend=`. */
import './ui/jepa-playground';

const playground = document.createElement('jepa-playground');
playground.backendRequest = new URLSearchParams(location.search).get('backend');
window.addEventListener('error', (e) => playground.reportError(`Page error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => playground.reportError(`Page error: ${String(e.reason)}`));
document.body.append(playground);
