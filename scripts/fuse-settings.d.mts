import type { FuseConfig, FuseV1Options } from '@electron/fuses';

export declare const FUSES: Readonly<Record<
  'RunAsNode' | 'EnableNodeOptionsEnvironmentVariable' | 'EnableNodeCliInspectArguments' | 'EnableEmbeddedAsarIntegrityValidation' | 'OnlyLoadAppFromAsar' | 'EnableCookieEncryption' | 'GrantFileProtocolExtraPrivileges',
  boolean
> & Partial<Record<keyof typeof FuseV1Options, boolean>>>;

export declare function fuseConfig(options?: { resetAdHocDarwinSignature?: boolean }): FuseConfig;
