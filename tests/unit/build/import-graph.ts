/** Static imports of a module's text, and the cycles of a graph of them (import-cycles.test.ts). */

/** What a module imports or re-exports statically (type-only included; `import()` not). */
export function importsOf(text: string): string[] {
	const specs: string[] = [];
	// `import … from 'x'`, `import 'x'`, `export … from 'x'`, over several lines too.
	const re = /(?:^|[\n;])\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
	for (const match of text.matchAll(re)) specs.push(match[1]!);
	return specs;
}

/** Each cycle once, as its files starting from the smallest name (Tarjan's components). */
export function findCycles(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const indexOf = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (node: string) => {
		indexOf.set(node, index);
		low.set(node, index);
		index += 1;
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!graph.has(next)) continue;
			if (!indexOf.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) {
				low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
			}
		}
		if (low.get(node) === indexOf.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			const selfLoop = (graph.get(node) ?? []).includes(node);
			if (component.length > 1 || selfLoop) cycles.push(component.sort());
		}
	};
	for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
	return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
