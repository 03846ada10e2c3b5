/**
 * The registry of computed indicators: one file per computation in this directory. Adding one
 * is a new file here, its line below, the server query when it needs rows not fetched yet
 * (server/indicators-repo.ts), and `computedFrom` in the plan that uses it.
 */
import { computation as activeSalons } from './active-salons';
import { computation as areaMeetings } from './area-meetings';
import { computation as fureaiServiceHours } from './fureai-service-hours';
import { computation as inclusiveSupportOrganisations } from './inclusive-support-organisations';
import { computation as kidsSalonSites } from './kids-salon-sites';
import { computation as kokotsunaTeams } from './kokotsuna-teams';
import { computation as trainingMeetings } from './training-meetings';

export const REGISTRY = [
	areaMeetings,
	activeSalons,
	kidsSalonSites,
	kokotsunaTeams,
	fureaiServiceHours,
	trainingMeetings,
	inclusiveSupportOrganisations
] as const;
