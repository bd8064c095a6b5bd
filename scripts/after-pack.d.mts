export declare function packedElectronPath(context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName: string };
}): string;

declare function afterPack(context: unknown): Promise<void>;
export default afterPack;
