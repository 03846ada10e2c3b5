import { describe, expect, it } from 'vitest';
import {
	afterEdit,
	afterModeration,
	mayApproveEdit,
	reviewLabel,
	type ReviewState
} from '#lib/domain/sync/place-review.js';
import type { StampedFields } from '#lib/domain/sync/merge-fields.js';

const at = (n: number) => `000000000000${n}-0000-test`;
const fields = (values: Record<string, unknown>, stamp: number): StampedFields =>
	Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, at: at(stamp) }]));

const approvedFields = fields(
	{ name: 'テスト用サロン（生成）', category: 'salon', districtId: 'sakae', scheduleNote: '火曜' },
	1
);
const approved: ReviewState = { moderation: 'approved', publishedFields: approvedFields };

describe('review of a published place', () => {
	it('sends a rename to review and keeps the approved name public, with the live fields', () => {
		const merged = { ...approvedFields, ...fields({ name: '改名', scheduleNote: '木曜' }, 2) };
		const state = afterEdit(approved, merged, ['name', 'scheduleNote'], false);
		expect(state.moderation).toBe('pending');
		expect(state.publishedFields?.name?.value).toBe('テスト用サロン（生成）');
		expect(state.publishedFields?.scheduleNote?.value).toBe('木曜');
		expect(reviewLabel(state)).toBe('changePending');
	});

	it('publishes a schedule edit at once', () => {
		const merged = { ...approvedFields, ...fields({ scheduleNote: '木曜' }, 2) };
		expect(afterEdit(approved, merged, ['scheduleNote'], false)).toEqual({
			moderation: 'approved',
			publishedFields: merged
		});
	});

	it('publishes what someone who may approve the new version changes', () => {
		const merged = { ...approvedFields, ...fields({ districtId: 'fuji' }, 2) };
		expect(afterEdit(approved, merged, ['districtId'], true).publishedFields).toBe(merged);
	});

	it('keeps the approved version public when the change is sent back', () => {
		const merged = { ...approvedFields, ...fields({ name: '改名' }, 2) };
		const waiting = afterEdit(approved, merged, ['name'], false);
		const returned = afterModeration(waiting, merged, 'return');
		expect(returned).toEqual({ moderation: 'returned', publishedFields: waiting.publishedFields });
		expect(reviewLabel(returned)).toBe('changeReturned');
		expect(afterModeration(waiting, merged, 'approve').publishedFields).toBe(merged);
	});

	it('leaves a registration never approved unpublished, and resubmits one sent back', () => {
		const registration: ReviewState = { moderation: 'returned', publishedFields: null };
		expect(afterEdit(registration, approvedFields, ['name'], true)).toEqual({
			moderation: 'pending',
			publishedFields: null
		});
		expect(reviewLabel({ moderation: 'pending', publishedFields: null })).toBe('pending');
	});

	it('lets a coordinator approve only a place in their districts after the edit', () => {
		const coordinator = { userId: 'c', role: 'coordinator' as const, districtIds: ['sakae'] };
		const moved = { ...approvedFields, ...fields({ districtId: 'fuji' }, 2) };
		expect(mayApproveEdit(coordinator, 'c', approvedFields)).toBe(true);
		expect(mayApproveEdit(coordinator, 'c', moved)).toBe(false);
		expect(mayApproveEdit({ userId: 's', role: 'staff', districtIds: [] }, 'c', moved)).toBe(true);
		expect(mayApproveEdit(undefined, 'c', approvedFields)).toBe(false);
	});
});
