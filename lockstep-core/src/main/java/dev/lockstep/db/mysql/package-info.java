/** db.mysql: MySQL and MariaDB, one provider: GET_LOCK, session variables, Galera detection, its catalog. */
package dev.lockstep.db.mysql;
