/**
 * Runs once when the server starts. A bad environment variable or tenants file must stop the
 * start with the path of the bad value, not surface later as a 500 on some page. Then the
 * background jobs start (Node runtime only, and never while `next build` collects pages).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigurationOrExit, startBackgroundJobsUnlessBuilding } = await import("./app/_lib/startup");
  checkConfigurationOrExit();
  startBackgroundJobsUnlessBuilding();
}
