import type { WorkshopPlan } from './workshop-plan';

/** The plan as JSON: each quota by its code, and the figures as numbers. */
export const planJson = (plan: WorkshopPlan) => ({
  ...plan,
  quotas: plan.quotas.map(({ quota, ...line }) => ({ serviceCode: quota.serviceCode, quotaCode: quota.code, name: quota.name, scope: quota.scope, ...line })),
});
