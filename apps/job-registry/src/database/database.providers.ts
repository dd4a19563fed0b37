import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '@jetjobs/persistence';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

/** Opens the database (creating it and running migrations when needed) once per process. */
export const dataSourceProvider: Provider = {
  provide: DATA_SOURCE,
  inject: [REGISTRY_CONFIG],
  useFactory: (config: RegistryConfig): Promise<DataSource> => openDatabase(config.DATABASE_URL),
};

@Injectable()
export class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await closeDatabase(this.dataSource);
  }
}
