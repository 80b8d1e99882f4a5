import type { Migration } from "./Migration";

/**
 * An import commits its rows in short chunks so that it never holds the write lock for long; its
 * dataset stays invisible (`importing_pid` set to the importing process) until the last chunk
 * commits. A dataset left with the pid of a process that is gone is an abandoned import.
 */
export const migration0003: Migration = {
  version: 3,
  name: "pending imports",
  up: (db) => {
    db.exec(`ALTER TABLE datasets ADD COLUMN importing_pid INTEGER`);
  },
};
