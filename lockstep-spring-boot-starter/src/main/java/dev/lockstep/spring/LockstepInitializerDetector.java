package dev.lockstep.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * A {@code DatabaseInitializerDetector}: tells Boot's {@code DatabaseInitializationDependencyConfigurer} that {@link LockstepInitializer} initializes the
 * database, as Flyway's initializer does, so every bean that Boot's {@code DependsOnDatabaseInitializationDetector}s
 * find (EntityManagerFactory, JdbcOperations, JdbcClient, DSLContext, {@code @DependsOnDatabaseInitialization}) is
 * created after it.
 */
class LockstepInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(LockstepInitializer.class);
    }

    /** Flyway's place: before the SQL scripts of {@code spring.sql.init} and JPA's deferred initialization. */
    @Override
    public int getOrder() {
        return 1;
    }
}
