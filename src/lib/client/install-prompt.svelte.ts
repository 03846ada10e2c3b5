/**
 * "Add to home screen" where the browser allows it. Chromium (Android, desktop) offers its own
 * prompt through `beforeinstallprompt`: kept here so the settings page can show it when the
 * person asks, not at an arbitrary moment. Safari on iPhone/iPad has no prompt: the page shows
 * the steps instead. Nothing here runs unless the layout calls `listenForInstall`.
 */

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class InstallState {
	prompt = $state<InstallPromptEvent | null>(null);
	installed = $state(false);
}

export const install = new InstallState();

export function listenForInstall(): () => void {
	const onPrompt = (event: Event) => {
		// Keep the browser's mini-bar away: the offer is made on the settings page, on request.
		event.preventDefault();
		install.prompt = event as InstallPromptEvent;
	};
	const onInstalled = () => {
		install.installed = true;
		install.prompt = null;
	};
	window.addEventListener('beforeinstallprompt', onPrompt);
	window.addEventListener('appinstalled', onInstalled);
	return () => {
		window.removeEventListener('beforeinstallprompt', onPrompt);
		window.removeEventListener('appinstalled', onInstalled);
	};
}

/** Shows the browser's install dialog; true when the person accepted. */
export async function promptInstall(): Promise<boolean> {
	const event = install.prompt;
	if (!event) return false;
	install.prompt = null; // a prompt event can be used once
	await event.prompt();
	const { outcome } = await event.userChoice;
	if (outcome === 'accepted') install.installed = true;
	return outcome === 'accepted';
}

/** How this device adds the app, judged when the settings page asks. */
export type InstallWay = 'installed' | 'prompt' | 'ios' | 'menu';

export function installWay(): InstallWay {
	const standalone =
		window.matchMedia?.('(display-mode: standalone)').matches ||
		(navigator as Navigator & { standalone?: boolean }).standalone === true;
	if (standalone || install.installed) return 'installed';
	if (install.prompt) return 'prompt';
	// iPadOS reports itself as a Mac; a touch screen tells them apart.
	const ios =
		/iPhone|iPad|iPod/.test(navigator.userAgent) ||
		(/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
	return ios ? 'ios' : 'menu';
}
