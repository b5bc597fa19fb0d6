/** The screens the console must serve whole (issue 10): a desktop, a laptop and the 1024×768 touch panel. */
export const PLANT_SCREENS = [
  [1920, 1080],
  [1366, 768],
  [1024, 768],
] as const;
