/** REMOTE_BUILD_LABEL at build time (DefinePlugin); empty unless a build was labelled. */
declare const __REMOTE_BUILD_LABEL__: string;
