/**
 * One row of the sync feed as a handler hands it over, apart from change-feed.ts so that the
 * feed's helpers (feed-followers.ts) can name it without importing the feed back.
 */
import type { Entity } from '#lib/domain/sync/protocol.js';

export interface ChangeRow {
	entity: Entity;
	entityId: string;
	/** The city (pack id) the entity belongs to: only its readers are sent the row. */
	city: string;
	data: unknown;
	/** What a reader outside owner, districts and staff gets of a public row; `data` if absent. */
	publicData?: unknown;
	deleted: boolean;
	ownerId: string | null;
	districtIds: string[];
	isPublic: boolean;
}
