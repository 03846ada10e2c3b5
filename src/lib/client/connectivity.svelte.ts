/** Online or not, as the browser reports it; drives the offline indicator and refreshes. */
class Connectivity {
	online = $state(true);

	/** Starts listening; returns the stop function. Browser only. */
	start(onBackOnline: () => void): () => void {
		this.online = navigator.onLine;
		const up = () => {
			this.online = true;
			onBackOnline();
		};
		const down = () => (this.online = false);
		addEventListener('online', up);
		addEventListener('offline', down);
		return () => {
			removeEventListener('online', up);
			removeEventListener('offline', down);
		};
	}
}

export const connectivity = new Connectivity();
