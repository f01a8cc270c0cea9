package dev.lockstep.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.util.ClassUtils;

import java.util.Set;

/**
 * R2DBC applications reach the schema through Spring's {@code DatabaseClient} (R2dbcEntityTemplate and the
 * repositories use it), for which Boot has no detector: this one makes it wait for the database initializers, so an
 * R2DBC application migrated by lockstep (with {@code lockstep.url}) never queries a schema that is not there yet.
 * The {@code ConnectionFactory} itself is left alone, because R2DBC's own script initializer needs it.
 */
class R2dbcDependsOnDatabaseInitializationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {
    static final String DATABASE_CLIENT = "org.springframework.r2dbc.core.DatabaseClient";

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        ClassLoader loader = getClass().getClassLoader();
        if (!ClassUtils.isPresent(DATABASE_CLIENT, loader)) {
            return Set.of();
        }
        return Set.of(ClassUtils.resolveClassName(DATABASE_CLIENT, loader));
    }
}
