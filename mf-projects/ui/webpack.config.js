// The projects remote (mf_projects); everything but the area name comes from the shared factory.
import { createRemoteConfig } from '../../shell/build/remote-webpack.js';

export default createRemoteConfig({ area: 'projects', uiDir: import.meta.dirname });
