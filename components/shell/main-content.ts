/** Where the skip link lands: the id of the console's <main>. */
export const MAIN_CONTENT_ID = "main-content";
