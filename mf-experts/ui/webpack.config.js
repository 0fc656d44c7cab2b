// The experts remote (mf_experts); everything but the area name comes from the shared factory.
import { createRemoteConfig } from '../../shell/build/remote-webpack.js';

export default createRemoteConfig({ area: 'experts', uiDir: import.meta.dirname });
