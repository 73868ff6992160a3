import type { Expr } from '../plan/expr.ts';
import type { Plan } from '../plan/plan.ts';

/** What a name bound by `let`, a function parameter or `as` stands for in our plan. */
export type Binding =
  | { readonly kind: 'scalar'; readonly expr: Expr }
  | { readonly kind: 'tabular'; readonly plan: Plan };

/** Lexical scope chain; the binder already resolved names, we only map them to plan values. */
export class Scope {
  private readonly names = new Map<string, Binding>();
  constructor(readonly parent?: Scope) {}

  set(name: string, binding: Binding): void {
    this.names.set(name, binding);
  }

  get(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.get(name);
  }
}
