/** What other projects (end-to-end tests) may use of the registry: build it with a config. */
export { createRegistryApp } from './registry-app';
export { loadRegistryConfig, type RegistryConfig } from './registry-config';
export { RegistryHttpService } from './http/registry-http.service';
