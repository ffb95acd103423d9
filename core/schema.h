/* The database schema as an ordered list of migrations. The file's
 * PRAGMA user_version is the number of migrations applied. */
#ifndef SAMORDNE_SCHEMA_H
#define SAMORDNE_SCHEMA_H

struct sam_migration {
	const char *what; /* why this step exists, for the log */
	const char *sql;
};

extern const struct sam_migration sam_migrations[];
extern const int sam_schema_version; /* = number of migrations */

#endif
