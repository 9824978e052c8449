import { defineConfig } from 'vitest/config';
import { dentalpinVitest } from '@dentalpin/core/testing/vitest';

export default defineConfig(dentalpinVitest());
